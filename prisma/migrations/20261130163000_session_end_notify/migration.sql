-- Tells the web processes (LISTEN samband_notification) that a session ended, so its open
-- live notification streams (GET /notifications/stream) end too, in every process. The
-- payload is `end:` and the session's id (the SHA-256 of its cookie token, never the token).
-- A trigger rather than a call in the sign-out code: every way a session row goes (sign-out,
-- a password reset, an administrator, the account deleted by cascade) is covered, and
-- PostgreSQL sends it only when the deleting transaction commits.
-- Written by hand: Prisma's schema language has no triggers.
CREATE OR REPLACE FUNCTION samband_session_end_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('samband_notification', 'end:' || OLD.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Session_end_notify" AFTER DELETE ON "Session" FOR EACH ROW EXECUTE FUNCTION samband_session_end_notify();
