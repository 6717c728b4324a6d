def should_not_be_collected():
    pass
