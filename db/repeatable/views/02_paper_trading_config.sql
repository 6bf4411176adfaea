-- The view paper_trading_config: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- Still updatable (a simple view with a WHERE): settings of a live account change through it, an archive's cannot.
CREATE OR REPLACE VIEW paper_trading_config AS
SELECT account,
       initial_capital,
       cash + 0                 AS current_capital,
       fee_rate                 AS commission_pct,
       min_fee                  AS min_commission,
       slippage_rate            AS slippage_pct,
       max_position_fraction    AS max_position_size,
       confidence_threshold     AS decision_confidence_threshold,
       allow_shorting,
       leverage,
       halted,
       slippage_model,
       impact_coefficient,
       liquidity_model,
       synthetic_levels,
       synthetic_units_per_tick
FROM accounts
WHERE archived_of IS NULL;

ALTER VIEW paper_trading_config SET (security_invoker = true);
REVOKE ALL ON paper_trading_config FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON paper_trading_config TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
