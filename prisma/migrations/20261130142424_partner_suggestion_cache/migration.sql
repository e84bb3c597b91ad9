-- CreateTable
CREATE TABLE "PartnerSuggestionCache" (
    "postingId" UUID NOT NULL,
    "audience" VARCHAR(10) NOT NULL,
    "epoch" BIGINT NOT NULL,
    "lists" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PartnerSuggestionCache_pkey" PRIMARY KEY ("postingId","audience")
);

-- AddForeignKey
ALTER TABLE "PartnerSuggestionCache" ADD CONSTRAINT "PartnerSuggestionCache_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand from here on. Every change to what matching reads advances this
-- sequence; a cached suggestion list is valid only while its epoch is the current value.
-- The triggers are deferred to commit, so a page computing suggestions while a change is
-- under way cannot read the new epoch with the old rows and keep them as current.
-- Sequences are not transactional: advancing one takes no lock, so concurrent writers
-- never wait on each other here.
CREATE SEQUENCE samband_match_epoch;

CREATE FUNCTION samband_match_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('samband_match_epoch');
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "Posting_match_changed" AFTER INSERT OR UPDATE OR DELETE ON "Posting"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samband_match_changed();
CREATE CONSTRAINT TRIGGER "Project_match_changed" AFTER INSERT OR UPDATE OR DELETE ON "Project"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samband_match_changed();
CREATE CONSTRAINT TRIGGER "ProjectPartner_match_changed" AFTER INSERT OR UPDATE OR DELETE ON "ProjectPartner"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samband_match_changed();
CREATE CONSTRAINT TRIGGER "Organization_match_changed" AFTER INSERT OR UPDATE OR DELETE ON "Organization"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samband_match_changed();
CREATE CONSTRAINT TRIGGER "Membership_match_changed" AFTER INSERT OR UPDATE OR DELETE ON "Membership"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samband_match_changed();
CREATE CONSTRAINT TRIGGER "User_match_changed" AFTER INSERT OR UPDATE OR DELETE ON "User"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION samband_match_changed();
