namespace Roster.Web.Api;

public static class ApiRoutes
{
    public const string Prefix = "/public/v1";
}
