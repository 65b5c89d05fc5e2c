"""scheme"""
