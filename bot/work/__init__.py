"""Work that takes a person's request past its ack: a job (plain JSON-able data), a dispatcher
that runs it here (inline) or hands it to RQ workers (queue), and what a worker process runs.
Knows nothing of the Slack listeners: the composition root gives it their job runners."""
