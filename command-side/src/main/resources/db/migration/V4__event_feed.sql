-- The downstream event feed reads a company's customer events by global index ("after position n").
-- Two things make that exact:
--
-- 1. Global indexes are handed out in commit order. With a plain BIGSERIAL a transaction can take
--    index 10, commit after another took and committed 11, and a reader that already moved past 11
--    would never see 10. So every append takes one transaction-scoped lock before it takes its index,
--    and holds it until its commit has become visible: indexes are visible in increasing order, and a
--    gap is a rolled-back append, never one still to come. Appends serialise only from their insert
--    to their commit (the command work before runs in parallel).
-- 2. Each event row names its company (from the metadata every command carries), so a company's
--    feed is an index range scan.

ALTER TABLE DomainEventEntry ADD COLUMN companyId VARCHAR(36);

UPDATE DomainEventEntry SET companyId = convert_from(metaData, 'UTF8')::jsonb ->> 'companyId' WHERE metaData IS NOT NULL;

-- the trigger below assigns the index; a default would spend a second sequence value per row
ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex DROP DEFAULT;

CREATE FUNCTION domain_event_entry_in_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- 7263 is this lock's arbitrary, fixed key; the lock is released at commit or rollback
    PERFORM pg_advisory_xact_lock(7263);
    NEW.globalIndex := nextval(pg_get_serial_sequence('domainevententry', 'globalindex'));
    NEW.companyId := convert_from(NEW.metaData, 'UTF8')::jsonb ->> 'companyId';
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_in_commit_order
    BEFORE INSERT ON DomainEventEntry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_in_commit_order();

CREATE INDEX domain_event_entry_company_feed ON DomainEventEntry (companyId, globalIndex) WHERE type = 'Customer';

-- a customer event without a company would be invisible to every feed: refuse to store one
-- (NOT VALID: rows stored before this migration are not re-checked)
ALTER TABLE DomainEventEntry ADD CONSTRAINT customer_event_has_company
    CHECK (type IS DISTINCT FROM 'Customer' OR companyId IS NOT NULL) NOT VALID;
