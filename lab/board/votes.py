def close_open_round(workshop_id):
    return None
