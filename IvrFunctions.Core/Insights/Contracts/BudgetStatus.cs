namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Spend against the configured budgets (<c>Insights:Budget:DailyUsd</c>, <c>Insights:Budget:MonthlyUsd</c>); null budget means none configured.</summary>
public sealed record BudgetStatus(
    double? DailyBudgetUsd,
    double TodayCostUsd,
    bool? DailyOverBudget,
    double? MonthlyBudgetUsd,
    double MonthToDateCostUsd,
    bool? MonthlyOverBudget,
    double? ProjectedMonthCostUsd);
