import os

# gunicorn reads this module
workers = 2
bind = f"0.0.0.0:{os.environ.get('PORT', '8081')}"
timeout = 120
