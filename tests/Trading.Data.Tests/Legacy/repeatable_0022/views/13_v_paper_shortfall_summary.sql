-- The view v_paper_shortfall_summary: its one definition, options, comments and grants. Dropped and re-created with the other views
-- whenever a view file changes or a numbered migration runs (see Migrator); views it reads come in earlier files.

CREATE OR REPLACE VIEW v_paper_shortfall_summary WITH (security_invoker = true) AS
SELECT account,
       agent,
       confidence_bucket,
       count(*)                                                                              AS decisions,
       sum(ideal_notional)                                                                   AS ideal_notional,
       sum(delay_cost)                                                                       AS delay_cost,
       sum(spread_cost)                                                                      AS spread_cost,
       sum(slippage_cost)                                                                    AS slippage_cost,
       sum(fees)                                                                             AS fees,
       sum(shortfall)                                                                        AS shortfall,
       round(sum(shortfall) / NULLIF(sum(ideal_notional), 0) * 10000, 4)                     AS shortfall_bps,
       avg(time_to_fill)                                                                     AS avg_time_to_fill
FROM v_paper_shortfall
WHERE ideal_mid IS NOT NULL
GROUP BY account, agent, confidence_bucket;

COMMENT ON VIEW v_paper_shortfall_summary IS
    'Implementation shortfall per account, agent and confidence bucket: what execution cost each agent beyond the ideal fill, in money and in basis points of the ideal notional.';
REVOKE ALL ON v_paper_shortfall_summary FROM PUBLIC, trading_agent, trading_reader, trading_orchestrator, trading_operator, trading_feed;
GRANT SELECT ON v_paper_shortfall_summary TO trading_agent, trading_operator, trading_orchestrator;
