"""What newsingest promises its consumers: the message models (the source of ``schemas/``), their JSON encoding and
decoding, dead letters and their reasons, the exceptions that decide between retry and the DLQ, and the AsyncAPI
document."""
