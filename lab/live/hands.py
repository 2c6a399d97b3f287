def hands_view(workshop_id):
    return {"queue": [], "speaking": None}
