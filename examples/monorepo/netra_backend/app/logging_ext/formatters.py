"""Log line formatting for agent runs."""
import logging


class AgentRunFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        run_id = getattr(record, "run_id", "-")
        base = super().format(record)
        return f"[run {run_id}] [user {}] {base}"
