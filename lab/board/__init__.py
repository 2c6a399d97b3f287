"""The idea board: ideas, clusters and votes. Its socket events are registered by lab.live."""
