-- AlterTable
ALTER TABLE "Posting" ADD COLUMN     "termCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL,
    "ref" TEXT,
    "title" VARCHAR(300) NOT NULL,
    "summary" VARCHAR(10000) NOT NULL,
    "funder" VARCHAR(200),
    "programme" VARCHAR(200),
    "year" INTEGER,
    "keywords" TEXT[],
    "leadOrganizationId" UUID,
    "termCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectPartner" (
    "projectId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,

    CONSTRAINT "ProjectPartner_pkey" PRIMARY KEY ("projectId","organizationId")
);

-- CreateTable
CREATE TABLE "PostingTerm" (
    "term" VARCHAR(100) NOT NULL,
    "postingId" UUID NOT NULL,
    "tf" SMALLINT NOT NULL,

    CONSTRAINT "PostingTerm_pkey" PRIMARY KEY ("term","postingId")
);

-- CreateTable
CREATE TABLE "ProjectTerm" (
    "term" VARCHAR(100) NOT NULL,
    "projectId" UUID NOT NULL,
    "tf" SMALLINT NOT NULL,

    CONSTRAINT "ProjectTerm_pkey" PRIMARY KEY ("term","projectId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_ref_key" ON "Project"("ref");

-- CreateIndex
CREATE INDEX "Project_leadOrganizationId_idx" ON "Project"("leadOrganizationId");

-- CreateIndex
CREATE INDEX "ProjectPartner_organizationId_idx" ON "ProjectPartner"("organizationId");

-- CreateIndex
CREATE INDEX "PostingTerm_postingId_idx" ON "PostingTerm"("postingId");

-- CreateIndex
CREATE INDEX "ProjectTerm_projectId_idx" ON "ProjectTerm"("projectId");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_leadOrganizationId_fkey" FOREIGN KEY ("leadOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPartner" ADD CONSTRAINT "ProjectPartner_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPartner" ADD CONSTRAINT "ProjectPartner_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostingTerm" ADD CONSTRAINT "PostingTerm_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectTerm" ADD CONSTRAINT "ProjectTerm_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand from here on: Prisma's schema language has no functions or triggers.
-- The term tables hold, for each posting and project, its word stems and how often each
-- occurs; search/retrieve.server.ts scores them with BM25. Triggers keep them in step in
-- the same transaction as the text, so they can never lag the row they describe.

-- The text as stems, with the language's own stemmer (Swedish or English). The title
-- counts twice: it says what the posting is about in the fewest words.
CREATE FUNCTION samband_text_vector(lang TEXT, title TEXT, keywords TEXT[], body TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lang = 'sv'
    THEN to_tsvector('swedish'::regconfig, coalesce(title, '') || ' ' || coalesce(title, '') || ' ' || array_to_string(coalesce(keywords, '{}'), ' ') || ' ' || coalesce(body, ''))
    ELSE to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(title, '') || ' ' || array_to_string(coalesce(keywords, '{}'), ' ') || ' ' || coalesce(body, ''))
  END
$$;

-- Stems and their counts; stems longer than the column are left out (no real word is).
CREATE FUNCTION samband_text_terms(v tsvector) RETURNS TABLE(term TEXT, tf INTEGER)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lexeme, least(coalesce(array_length(positions, 1), 1), 32767) FROM unnest(v) WHERE length(lexeme) <= 100
$$;

CREATE FUNCTION samband_posting_length() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."termCount" := (SELECT coalesce(sum(tf), 0) FROM samband_text_terms(samband_text_vector(NEW.language, NEW.title, NEW.keywords, NEW.description)));
  RETURN NEW;
END
$$;

CREATE FUNCTION samband_posting_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "PostingTerm" WHERE "postingId" = NEW.id;
  END IF;
  INSERT INTO "PostingTerm" ("term", "postingId", "tf")
    SELECT t.term, NEW.id, t.tf FROM samband_text_terms(samband_text_vector(NEW.language, NEW.title, NEW.keywords, NEW.description)) t;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Posting_length" BEFORE INSERT OR UPDATE OF "title", "description", "keywords", "language" ON "Posting"
  FOR EACH ROW EXECUTE FUNCTION samband_posting_length();
CREATE TRIGGER "Posting_terms_insert" AFTER INSERT ON "Posting"
  FOR EACH ROW EXECUTE FUNCTION samband_posting_terms();
CREATE TRIGGER "Posting_terms_update" AFTER UPDATE OF "title", "description", "keywords", "language" ON "Posting"
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description OR OLD.keywords IS DISTINCT FROM NEW.keywords OR OLD.language IS DISTINCT FROM NEW.language)
  EXECUTE FUNCTION samband_posting_terms();

-- Projects are imported in English or Swedish alike; without a language field the
-- English stemmer reads them (it leaves Swedish words nearly whole).
CREATE FUNCTION samband_project_length() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."termCount" := (SELECT coalesce(sum(tf), 0) FROM samband_text_terms(samband_text_vector('en', NEW.title, NEW.keywords, NEW.summary)));
  RETURN NEW;
END
$$;

CREATE FUNCTION samband_project_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "ProjectTerm" WHERE "projectId" = NEW.id;
  END IF;
  INSERT INTO "ProjectTerm" ("term", "projectId", "tf")
    SELECT t.term, NEW.id, t.tf FROM samband_text_terms(samband_text_vector('en', NEW.title, NEW.keywords, NEW.summary)) t;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Project_length" BEFORE INSERT OR UPDATE OF "title", "summary", "keywords" ON "Project"
  FOR EACH ROW EXECUTE FUNCTION samband_project_length();
CREATE TRIGGER "Project_terms_insert" AFTER INSERT ON "Project"
  FOR EACH ROW EXECUTE FUNCTION samband_project_terms();
CREATE TRIGGER "Project_terms_update" AFTER UPDATE OF "title", "summary", "keywords" ON "Project"
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary OR OLD.keywords IS DISTINCT FROM NEW.keywords)
  EXECUTE FUNCTION samband_project_terms();

-- Postings that exist already get their terms now.
UPDATE "Posting" SET "title" = "title";
INSERT INTO "PostingTerm" ("term", "postingId", "tf")
  SELECT t.term, p.id, t.tf FROM "Posting" p, samband_text_terms(samband_text_vector(p.language, p.title, p.keywords, p.description)) t;
