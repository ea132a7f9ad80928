-- File-drop System2: an order counts as saved (and may be acknowledged) once its outbox file is complete on disk.
alter table orders add column outbox_written_at timestamp;
