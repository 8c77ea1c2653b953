"""Operator and user tools: the ``newsingest`` command line (process, send, tail, lag, dlq, topics, demo) and the
local worker fleet it and the broker tests start."""
