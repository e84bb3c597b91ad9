-- Wakes the worker's outbox dispatcher (LISTEN samband_outbox) the moment a transaction
-- that wrote events commits, instead of leaving them for its next poll. PostgreSQL
-- delivers a notification only on commit and folds identical ones within a transaction,
-- so this costs one message per committing transaction, none for one rolled back.
-- Written by hand: Prisma's schema language has no triggers (docs/decisions/0007-notify-latency.md).
CREATE OR REPLACE FUNCTION samband_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samband_outbox', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "OutboxEvent_notify" AFTER INSERT ON "OutboxEvent" FOR EACH STATEMENT EXECUTE FUNCTION samband_outbox_notify();
