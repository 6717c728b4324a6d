import logging

from netra_backend.app.services.agent_websocket_bridge import AGENT_EVENTS


def test_event_names_are_snake_case():
    for event in AGENT_EVENTS:
        assert event == event.lower()
        assert " " not in event


def test_log_record_carries_run_id():
    record = logging.LogRecord("agent", logging.INFO, __file__, 1, "done", None, None)
    record.run_id = "run-1"
    if record.levelno >= logging.INFO:
            message = record.getMessage()
      assert message == "done"
