def should_be_skipped_by_norecursedirs():
    pass
