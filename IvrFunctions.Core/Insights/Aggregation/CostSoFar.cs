namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>Estimated spend so far today and this month (UTC), and the month's projection at the current rate.</summary>
public sealed record CostSoFar(double TodayUsd, double MonthToDateUsd, double? ProjectedMonthUsd);
