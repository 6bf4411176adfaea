-- The view paper_trading_config: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

-- Updatable (a simple view): settings of an account change through it.
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
       limit_fill_model,
       fill_probability,
       fault_reject_probability,
       fault_partial_probability,
       fault_latency_probability,
       fault_max_latency,
       fault_stale_probability,
       slippage_model,
       impact_coefficient,
       liquidity_model,
       synthetic_levels,
       synthetic_units_per_tick
FROM accounts;


ALTER VIEW paper_trading_config SET (security_invoker = true);
REVOKE ALL ON paper_trading_config FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON paper_trading_config TO trading_agent, trading_operator, trading_orchestrator, trading_reader;
