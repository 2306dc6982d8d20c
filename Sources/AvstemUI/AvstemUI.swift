import AvstemCore
