-- Provider prompt caching: the input tokens written to the provider's prompt cache (priced at the cache-write rate,
-- beside cached_tokens, which were read from it), and what the reads saved against the plain input price (NULL
-- when the served model had no price).
ALTER TABLE request_log ADD COLUMN cache_write_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE request_log ADD COLUMN prompt_cache_saved_usd REAL;
