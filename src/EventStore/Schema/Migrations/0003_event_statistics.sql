-- Events per type and UTC day: the activity figures of the records of processing (Art. 30), kept by an
-- async projection. No subject ids: aggregate figures only.
CREATE TABLE gempix.event_statistics (
    day    date   NOT NULL,
    type   text   NOT NULL,
    count  bigint NOT NULL,
    PRIMARY KEY (day, type)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON gempix.event_statistics TO gempix_app;
