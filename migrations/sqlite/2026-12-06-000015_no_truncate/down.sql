-- SQLite has no TRUNCATE: an unfiltered DELETE meets the same row triggers as any other.
-- This migration exists so both databases stand at the same version.
SELECT 1;
