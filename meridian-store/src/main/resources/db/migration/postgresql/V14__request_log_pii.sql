-- PII detections per request (compliance reports): a compact JSON object of data class to action to count, such as
-- {"card":{"block":1},"email":{"mask":2}}. Classes and counts only, never a value. NULL when nothing was found, PII
-- handling was off, or the row was written before V14.
ALTER TABLE request_log ADD COLUMN pii TEXT;
