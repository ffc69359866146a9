using IvrFunctions.SelfHost.Dashboard;
using IvrFunctions.SelfHost.Hosting;

// Commands (the first argument) run and exit; anything else starts the host.
if (args is [UploadDashboardCommand.Name, .. var uploadArgs])
{
    return await UploadDashboardCommand.RunAsync(uploadArgs, Console.Out);
}

var app = SelfHostApplication.Build(args);
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.DescribeConfigurationError(ex) is { } lines)
{
    foreach (var line in lines)
    {
        await Console.Error.WriteLineAsync(line);
    }

    return 2;
}

/// <summary>Visible to the tests, which start the same application on loopback.</summary>
public partial class Program;
