"""Board service (to be completed): ideas, clusters and what each person may see of them."""


def board_snapshot(conn):
    return {"ideas": [], "clusters": [], "vote": None}
