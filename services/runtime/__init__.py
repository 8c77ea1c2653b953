"""How the stages run: their declarations (``stage.py``) and two runners of them, the faust-streaming shell with its
fixes (``stage_worker.py`` on ``streaming.py``: Kafka workers) and ``in_memory.py`` (one process, no broker: the
embedded pipeline). Health, metrics and logging of a worker live here too. Only the shell's modules and the stages'
``app.py`` import faust."""
