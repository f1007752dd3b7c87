using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace SiteFinder.LocalHost;

/// <summary>
/// Calls a function method the way the Functions host's worker does for the bindings this app
/// uses: a new instance per call from the app's services, the HttpRequest, route values bound to
/// parameters by name, TimerInfo, and the cancellation token.
/// </summary>
public sealed class FunctionInvoker
{
    /// <summary>
    /// Results read only the HTTP context and route data of their ActionContext; a new ActionDescriptor per
    /// request (a Guid and two dictionaries) was 1–2% of a nearby request's CPU under load (BENCHMARKS.md, issue 16).
    /// </summary>
    private static readonly ActionDescriptor SharedDescriptor = new();

    private readonly MethodInfo _method;
    private readonly Type _type;
    private readonly ParameterInfo[] _parameters;

    /// <summary>
    /// The constructor found once: ActivatorUtilities.CreateInstance looks it up by reflection on every call. Made on
    /// the function's first call, not at build: making it for all 45 functions was on every start's path, before the
    /// catalogue's first read, though a start's first request runs one function.
    /// </summary>
    private ObjectFactory? _factory;

    /// <summary>Task&lt;T&gt;.Result of the method's return type, found once instead of per call.</summary>
    private readonly PropertyInfo? _result;

    public FunctionInvoker(FunctionDefinition definition, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(assembly);
        Definition = definition;
        var split = definition.EntryPoint.LastIndexOf('.');
        _type = assembly.GetType(definition.EntryPoint[..split], throwOnError: true)!;
        _method = _type.GetMethod(definition.EntryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{definition.EntryPoint}: method not found");
        _parameters = _method.GetParameters();
        foreach (var parameter in _parameters.Where(p => !IsBindable(p.ParameterType)))
            throw new NotSupportedException($"{definition.EntryPoint}: the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType}.");
        // What making the factory would refuse, refused at build as before.
        if (!_method.IsStatic && _type.GetConstructors().Length == 0)
            throw new InvalidOperationException($"{definition.EntryPoint}: {_type} has no public constructor.");
        _result = _method.ReturnType.IsGenericType && _method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? _method.ReturnType.GetProperty(nameof(Task<object>.Result))
            : null;
    }

    public FunctionDefinition Definition { get; }

    public async Task InvokeHttpAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // What the app's worker middlewares do on the Functions host before a function runs: an address over its
        // read limit is refused at once (ReadLimitMiddleware), then the request waits for its turn in its lane.
        if (await context.RequestServices.GetRequiredService<SiteFinder.Functions.Http.ClientLimits>().TryRefuseReadAsync(context))
            return;
        using var lane = await context.RequestServices.GetRequiredService<SiteFinder.Functions.Http.ServingLanes>().EnterAsync(context);
        if (lane is null)
            return;

        var routeValues = context.GetRouteData().Values;
        object? result;
        try
        {
            result = await InvokeAsync(context.RequestServices, context.RequestAborted, parameter =>
                parameter.ParameterType == typeof(HttpRequest) ? context.Request
                : parameter.ParameterType == typeof(HttpContext) ? context
                : Convert(routeValues.GetValueOrDefault(parameter.Name!), parameter.ParameterType));
        }
        catch (Exception e)
        {
            // What the app's worker middleware does on the Functions host: a storage outage answers 503, anything else fails as before.
            if (await context.RequestServices.GetRequiredService<SiteFinder.Functions.Http.StorageFailures>().TryHandleAsync(context, e))
                return;
            throw;
        }

        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), SharedDescriptor));
                break;
            case IResult typed:
                await typed.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await context.Response.WriteAsJsonAsync(result, result.GetType(), context.RequestAborted);
                break;
        }
    }

    public Task InvokeTimerAsync(IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken) =>
        InvokeAsync(services, cancellationToken, parameter => parameter.ParameterType == typeof(TimerInfo) ? timer : null);

    private static bool IsBindable(Type type) =>
        type == typeof(HttpRequest) || type == typeof(HttpContext) || type == typeof(CancellationToken) ||
        type == typeof(TimerInfo) || type == typeof(string) || Nullable.GetUnderlyingType(type) is not null || type.IsPrimitive || type == typeof(Guid);

    private static object? Convert(object? value, Type type)
    {
        if (value is null)
            return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target == typeof(Guid) ? Guid.Parse(value.ToString()!) : System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }

    private async Task<object?> InvokeAsync(IServiceProvider services, CancellationToken cancellationToken, Func<ParameterInfo, object?> bind)
    {
        // Two first calls at once may both make it; either is the same factory.
        var instance = _method.IsStatic ? null : (_factory ??= ActivatorUtilities.CreateFactory(_type, Type.EmptyTypes)).Invoke(services, null);
        var arguments = new object?[_parameters.Length];
        for (var i = 0; i < _parameters.Length; i++)
            arguments[i] = _parameters[i].ParameterType == typeof(CancellationToken) ? cancellationToken : bind(_parameters[i]);
        var returned = _method.Invoke(instance, arguments);
        if (returned is not Task task)
            return returned;

        await task;
        if (_result is not null)
            return _result.GetValue(task);
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }
}
