var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "ItaBot");
app.Run();
public partial class Program;
