-- Query-side processes announce themselves here every few seconds, so each can tell how many share the
-- projection's segments and hand some over to a newcomer (ProjectionSegmentShare). Rows of stopped
-- processes simply stop being refreshed.
CREATE TABLE QuerySideInstance (
    instanceId VARCHAR(255) NOT NULL PRIMARY KEY,
    lastSeen   TIMESTAMPTZ  NOT NULL
);
