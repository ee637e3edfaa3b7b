-- An event row stays in the heap up to a full page. By default PostgreSQL starts toasting a row above about
-- 2 kB: it tries to compress the largest values and moves them to the TOAST table, a second heap and index
-- insert per event. An event with two encrypted fields crosses that line (the envelope is base64 and the
-- ledger's leaf input holds the data once more), its ciphertext does not compress, and the TOAST writes cost a
-- fifth of an append's throughput (docs/benchmarks.md, ADR 17). Rows above a page are still toasted.
ALTER TABLE gempix.events SET (toast_tuple_target = 8160);
