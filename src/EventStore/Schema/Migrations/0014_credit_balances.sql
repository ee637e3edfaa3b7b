-- Each subject's spendable credits and the version of their credit stream it reflects, kept with the appends: a
-- generation request decides its reservation from this row instead of folding the whole credit history, which
-- grows with every generation. The append at the row's version still guards the balance: a concurrent change
-- moves the stream on, and the request decides again.
CREATE TABLE gempix.credit_balances (
    subject_id  uuid    PRIMARY KEY,
    available   integer NOT NULL,
    version     bigint  NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON gempix.credit_balances TO gempix_app;
