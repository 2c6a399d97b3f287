def start_background_work(app):
    pass
