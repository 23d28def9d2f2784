"""anonymisation"""
