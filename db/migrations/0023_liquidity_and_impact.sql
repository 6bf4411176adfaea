-- 0023: liquidity that runs out and market impact (issue 15 item 3): per-account book walk and sqrt_impact, each fill's book provenance.
--
-- accounts
--   liquidity_model           'book' (default, for new and existing accounts: realism is the point) walks the book on
--                             arrival: the newest market_depth snapshot, else a synthetic book from the quote;
--                             'unbounded' is the behaviour before 0023 (a plain market order fills in full at the touch).
--   synthetic_levels          how many levels a synthetic book has, the touch included (10).
--   synthetic_units_per_tick  the size of each synthetic level below the touch; NULL (default) repeats the touch's own
--                             size, so the assumed book is as thick as what the venue shows at the top, no thicker.
--   impact_coefficient        Y of slippage_model 'sqrt_impact' (impact = Y · σ · √(Q / V)); 1 as in the literature.
--   slippage_model            gains 'sqrt_impact'.
-- paper_fills and backtest_fills: which book priced each fill (book: depth | synthetic | touch | unbounded, book_time the
-- snapshot's or quote's time, book_level the fill's level (0 the touch), book_levels how many its order walked) and, for
-- sqrt_impact, impact: JSON text, as model_parameters is (query it as impact::jsonb), with model, y, sigma, v, q,
-- fraction, samples, from, to. All NULL on fills before 0023.

ALTER TABLE accounts
    ADD COLUMN liquidity_model text NOT NULL DEFAULT 'book'
        CONSTRAINT accounts_liquidity_model_known CHECK (liquidity_model IN ('unbounded', 'book')),
    ADD COLUMN synthetic_levels integer NOT NULL DEFAULT 10
        CONSTRAINT accounts_synthetic_levels_range CHECK (synthetic_levels >= 1 AND synthetic_levels <= 1000),
    ADD COLUMN synthetic_units_per_tick numeric(28,12)
        CONSTRAINT accounts_synthetic_units_per_tick_range CHECK (synthetic_units_per_tick > 0 AND synthetic_units_per_tick < max_quantity()),
    ADD COLUMN impact_coefficient numeric(6,4) NOT NULL DEFAULT 1
        CONSTRAINT accounts_impact_coefficient_range CHECK (impact_coefficient > 0 AND impact_coefficient <= 10);

ALTER TABLE accounts
    DROP CONSTRAINT accounts_slippage_model_known,
    ADD CONSTRAINT accounts_slippage_model_known CHECK (slippage_model IN ('none', 'fixed', 'seed', 'sqrt_impact'));

COMMENT ON CONSTRAINT accounts_slippage_model_known ON accounts IS 'slippage_model (--slippage-model) is one of none, fixed, seed, sqrt_impact';
COMMENT ON CONSTRAINT accounts_liquidity_model_known ON accounts IS 'liquidity_model (--liquidity) is book or unbounded';
COMMENT ON CONSTRAINT accounts_synthetic_levels_range ON accounts IS 'synthetic_levels (--synthetic-levels) is from 1 to 1000';
COMMENT ON CONSTRAINT accounts_synthetic_units_per_tick_range ON accounts IS 'synthetic_units_per_tick (--units-per-tick) is above 0 and below max_quantity(), or NULL to repeat the touch size';
COMMENT ON CONSTRAINT accounts_impact_coefficient_range ON accounts IS 'impact_coefficient (--impact-coefficient) is above 0 and at most 10';

GRANT UPDATE (liquidity_model, synthetic_levels, synthetic_units_per_tick, impact_coefficient) ON accounts TO trading_operator;

ALTER TABLE paper_fills
    ADD COLUMN book text CONSTRAINT paper_fills_book_known CHECK (book IN ('depth', 'synthetic', 'touch', 'unbounded')),
    ADD COLUMN book_time timestamptz,
    ADD COLUMN book_level integer CONSTRAINT paper_fills_book_level_range CHECK (book_level >= 0 AND book_level < 1000),
    ADD COLUMN book_levels integer CONSTRAINT paper_fills_book_levels_range CHECK (book_levels >= 1 AND book_levels <= 1000),
    ADD COLUMN impact text;

ALTER TABLE backtest_fills
    ADD COLUMN book text CONSTRAINT backtest_fills_book_known CHECK (book IN ('depth', 'synthetic', 'touch', 'unbounded')),
    ADD COLUMN book_time timestamptz,
    ADD COLUMN book_level integer CONSTRAINT backtest_fills_book_level_range CHECK (book_level >= 0 AND book_level < 1000),
    ADD COLUMN book_levels integer CONSTRAINT backtest_fills_book_levels_range CHECK (book_levels >= 1 AND book_levels <= 1000),
    ADD COLUMN impact text;

COMMENT ON COLUMN paper_fills.book IS 'the book that priced the fill: depth (market_depth snapshot at book_time), synthetic (from the quote at book_time), touch (the quoted size), unbounded';
COMMENT ON COLUMN paper_fills.impact IS 'sqrt_impact provenance (JSON text): y, sigma, v (per one-minute bar), q, fraction, samples (bars), from/to (the window)';
