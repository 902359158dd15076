"""The daily digest: its model, periods, schedule, running, rendering and chart."""
