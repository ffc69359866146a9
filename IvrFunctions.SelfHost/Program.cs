using IvrFunctions.SelfHost.Dashboard;
using IvrFunctions.SelfHost.Hosting;
using IvrFunctions.SelfHost.Simulator;

// Commands: none runs the host; others are small tools over the same code.
switch (args.FirstOrDefault())
{
    case CallSimulator.Command:
        return await CallSimulator.RunAsync(args[1..], Console.Out);
}

if (args is [IngestCommand.Name, ..])
{
    return await IngestCommand.RunAsync(args[1..]);
}

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
