# VirtualOperator.Emulator: multi-stage build, non-root, health-checked. NOT built by CI (no container engine runs on
# the project's machines): kept correct by reading, see README "Docker".
#   docker build -t virtualoperator-emulator .
#   docker run --rm -p 4590:4590 -e Emulator__ControlToken=change-me virtualoperator-emulator
# The container listens on 0.0.0.0, so the emulator refuses to start without a control token (ControlTokenRequirement);
# control-plane calls then send "Authorization: Bearer change-me". State lives in /data/emulator.db: a fresh anonymous
# volume per container by default, durable across containers with a named volume (-v vo-data:/data). compose.yaml has both.
# From another container, add its host name: -e Emulator__ControlPlane__AllowedHosts=emulator. The health check
# (GET /_emulator/health on 127.0.0.1) needs no token.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY emulator/BannedSymbols.txt emulator/
COPY emulator/VirtualOperator.Emulator/VirtualOperator.Emulator.csproj emulator/VirtualOperator.Emulator/
# ReadyToRun (precompiled, framework-dependent): start-up about 1.1-1.3x a bare ASP.NET Core app instead of
# about 1.5x when LiteDB and the handlers are JIT-compiled at start (docs/performance.md). Restore and publish
# must name the same runtime identifier.
RUN dotnet restore emulator/VirtualOperator.Emulator/VirtualOperator.Emulator.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY emulator/VirtualOperator.Emulator/ emulator/VirtualOperator.Emulator/
COPY fixtures/api/ fixtures/api/
COPY fixtures/seed/ fixtures/seed/
RUN dotnet publish emulator/VirtualOperator.Emulator/VirtualOperator.Emulator.csproj -c Release -o /app --no-restore \
      -r linux-x64 --self-contained false -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown -R app:app /data
USER app
# In a container the port must listen on all interfaces; on a developer machine the default stays loopback.
# The data file is in the volume, so a mounted volume really keeps the state (an empty DataPath would keep it in memory).
ENV ASPNETCORE_URLS=http://0.0.0.0:4590 \
    Emulator__DataPath=/data/emulator.db
EXPOSE 4590
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=4s --start-period=10s --retries=3 \
  CMD ["dotnet", "/app/VirtualOperator.Emulator.dll", "--healthcheck", "http://127.0.0.1:4590"]
ENTRYPOINT ["dotnet", "/app/VirtualOperator.Emulator.dll"]
