"""What newsbot tells its operators: structured log lines with their context, and the
counters behind `newsbot metrics`."""
