import AvstemCore
import GRDB
