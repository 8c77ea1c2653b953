"""How the stages run: the faust-streaming shell and its fixes (Kafka workers), and the embedded pipeline (one
process, no broker). Health, metrics and logging of a worker live here too. Only this package and the stages'
``app.py`` import faust."""
