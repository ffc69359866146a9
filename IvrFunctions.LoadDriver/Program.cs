using IvrFunctions.LoadDriver;

return await LoadRun.RunAsync(args, Console.Out);
