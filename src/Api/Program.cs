using GemPix.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGemPixApi();

var app = builder.Build();
app.MapGemPixApi();

await app.RunAsync();
