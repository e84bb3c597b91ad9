-- Written by hand. A changed text rewrites only the stems that changed: an edit to a title
-- touches a few term rows instead of deleting and inserting all of the posting's (about
-- 80). bench:search changes 10,000 titles in one transaction; rewriting every row made
-- that several times slower. A new row still inserts its stems directly.
CREATE OR REPLACE FUNCTION samband_posting_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "PostingTerm" ("term", "postingId", "tf")
      SELECT t.term, NEW.id, t.tf FROM samband_text_terms(samband_text_vector(NEW.language, NEW.title, NEW.keywords, NEW.description)) t;
  ELSE
    WITH n AS (SELECT t.term, t.tf FROM samband_text_terms(samband_text_vector(NEW.language, NEW.title, NEW.keywords, NEW.description)) t),
    gone AS (DELETE FROM "PostingTerm" p WHERE p."postingId" = NEW.id AND NOT EXISTS (SELECT 1 FROM n WHERE n.term = p.term))
    INSERT INTO "PostingTerm" ("term", "postingId", "tf") SELECT n.term, NEW.id, n.tf FROM n
      ON CONFLICT ("term", "postingId") DO UPDATE SET "tf" = EXCLUDED."tf" WHERE "PostingTerm"."tf" <> EXCLUDED."tf";
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION samband_project_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ProjectTerm" ("term", "projectId", "tf")
      SELECT t.term, NEW.id, t.tf FROM samband_text_terms(samband_text_vector('en', NEW.title, NEW.keywords, NEW.summary)) t;
  ELSE
    WITH n AS (SELECT t.term, t.tf FROM samband_text_terms(samband_text_vector('en', NEW.title, NEW.keywords, NEW.summary)) t),
    gone AS (DELETE FROM "ProjectTerm" p WHERE p."projectId" = NEW.id AND NOT EXISTS (SELECT 1 FROM n WHERE n.term = p.term))
    INSERT INTO "ProjectTerm" ("term", "projectId", "tf") SELECT n.term, NEW.id, n.tf FROM n
      ON CONFLICT ("term", "projectId") DO UPDATE SET "tf" = EXCLUDED."tf" WHERE "ProjectTerm"."tf" <> EXCLUDED."tf";
  END IF;
  RETURN NULL;
END
$$;
