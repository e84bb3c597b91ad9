-- Tells the web processes (LISTEN samband_notification) whose notifications changed, so
-- an open page's unread count follows at once (GET /notifications/stream). The payload
-- is the user's id; PostgreSQL delivers it on commit and folds identical ones within a
-- transaction. Written by hand: Prisma's schema language has no triggers.
CREATE OR REPLACE FUNCTION samband_notification_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samband_notification', NEW."userId"::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Notification_notify" AFTER INSERT OR UPDATE OF "readAt" ON "Notification" FOR EACH ROW EXECUTE FUNCTION samband_notification_notify();
