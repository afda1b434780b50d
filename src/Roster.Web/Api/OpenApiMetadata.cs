namespace Roster.Web.Api;

public static class OpenApiMetadata
{
    /// <summary>Documents the error answers an endpoint gives, all with Connect's {error_code, errors} body.</summary>
    public static TBuilder ProducesConnectErrors<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ConnectJson.ErrorBody), [ConnectJson.ContentType]));
        foreach (var status in statuses)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ConnectJson.ErrorBody), [ConnectJson.ContentType]));
        return builder;
    }
}
