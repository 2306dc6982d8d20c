import AvstemUI
import CNCursesW
