"""The Slack side: the Bolt app, its web server, Web API calls and Block Kit."""
