using VirtualOperator.Emulator.ControlPlane;

namespace VirtualOperator.Emulator.Products.Messages;

public static class MessagesServices
{
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddSingleton<MessageStore>();
        services.AddSingleton<Storage.IStateReset>(sp => sp.GetRequiredService<MessageStore>());
        // Messages live in memory (LiteDB holds them only with --data): repro bundles read and restore them there.
        services.AddSingleton<Storage.IPartnerMemoryState>(sp => sp.GetRequiredService<MessageStore>().Table);
        services.AddSingleton<PartnerEvents>();
        return services;
    }

    /// <summary><c>GET /_emulator/partners/{uid}/messages</c>: every recorded event of the partner, oldest first.</summary>
    public static void MapMessagesControl(this IEndpointRouteBuilder app) =>
        app.MapGet("/_emulator/partners/{uid}/messages", (string uid, Partners.PartnerStore partners, MessageStore store) =>
            partners.Get(uid) is null
                ? ControlReplies.NoPartner(uid)
                : Results.Ok(store.ListFor(uid).Select(m => new
                {
                    messageId = m.Id, queueName = m.QueueName, eventType = m.EventType, messageBody = m.MessageBody,
                    messageBodyMD5 = m.MessageBodyMD5, enqueueTime = m.EnqueueTime, priority = m.Priority,
                    time = Iso.Format(DateTimeOffset.FromUnixTimeMilliseconds(m.EnqueueTime)),
                })));
}
