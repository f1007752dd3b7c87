using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Infra.Tests.Infrastructure;

internal sealed record AppSetting(string Name, string Value, ArmTemplate Template);

internal sealed record ExpectedRole(string Name, string RoleDefinitionId, string ScopeType);

/// <summary>
/// Checks over the compiled ARM JSON. Each returns the problems it finds (empty when the template is right),
/// so a test can also feed it a deliberately broken template and see it complain.
/// </summary>
internal static partial class InfraChecks
{
    public const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static readonly IReadOnlyList<ExpectedRole> AppRoles =
    [
        new("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
        new("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
        new("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
        new("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"),
        new("Azure Maps Data Reader", "423170ca-a8f6-4b0f-8487-9e4eb8f49bfa", "Microsoft.Maps/accounts"),
        new("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),
    ];

    public static readonly IReadOnlyList<string> SiteTables = [.. new SiteTablesOptions().All().Values];

    /// <summary>Text that only appears where a key, SAS or connection secret is built or read.</summary>
    private static readonly string[] SecretMarkers =
    [
        "AccountKey=", "SharedAccessSignature", "SharedAccessKey", "sig=", "listKeys(", "listSecrets(",
        "listAccountSas(", "listServiceSas(", "listConnectionStrings(", "primaryKey", "secondaryKey",
        "InstrumentationKey=",
    ];

    /// <summary>Settings Flex Consumption rejects, or that would put a connection secret back.</summary>
    private static readonly string[] ForbiddenSettings =
    [
        "AzureWebJobsStorage", "Tables", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "APPINSIGHTS_INSTRUMENTATIONKEY",
    ];

    // ---------------------------------------------------------------------------------------------
    // Lookups
    // ---------------------------------------------------------------------------------------------

    public static IEnumerable<ArmResource> Created(ArmTemplate root, string type) =>
        root.SelfAndDescendants.SelectMany(t => t.CreatedResources).Where(r => r.Type == type);

    public static ArmResource? FunctionApp(ArmTemplate root) =>
        Created(root, "Microsoft.Web/sites").FirstOrDefault(r => ArmTemplate.Text(r.Json["kind"]).Contains("functionapp", StringComparison.Ordinal));

    /// <summary>Every app setting of the function app, from sites/config 'appsettings' and siteConfig.appSettings.</summary>
    public static IReadOnlyList<AppSetting> AppSettings(ArmTemplate root)
    {
        var settings = new List<AppSetting>();
        foreach (var config in Created(root, "Microsoft.Web/sites/config").Where(r => r.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase)))
        {
            settings.AddRange((config.Properties ?? []).Select(kv => new AppSetting(kv.Key, ArmTemplate.Text(kv.Value), config.Template)));
        }

        foreach (var site in Created(root, "Microsoft.Web/sites"))
        {
            if (site.Properties?["siteConfig"]?["appSettings"] is JsonArray array)
            {
                settings.AddRange(array.OfType<JsonObject>().Select(o =>
                    new AppSetting(ArmTemplate.Text(o["name"]), ArmTemplate.Text(o["value"]), site.Template)));
            }
        }

        return settings;
    }

    /// <summary>
    /// The expression the root template uses for the name of the (one) created resource of a type: the module
    /// names it with one of its parameters, and the root passes that parameter's value.
    /// </summary>
    public static string? RootNameOf(ArmTemplate root, string type)
    {
        var resource = Created(root, type).FirstOrDefault();
        if (resource is null)
        {
            return null;
        }

        return resource.Template.Invocation is null
            ? resource.Name
            : ArmTemplate.ParametersIn(resource.Name).Select(resource.Template.ArgumentFor).FirstOrDefault(a => a is not null);
    }

    /// <summary>The root-level module (deployment name) that creates a resource of this type.</summary>
    public static string? ModuleCreating(ArmTemplate root, string type) =>
        root.Modules.FirstOrDefault(m => m.SelfAndDescendants.Any(t => t.CreatedResources.Any(r => r.Type == type)))?.Invocation?.Name;

    /// <summary>
    /// Whether the expression reads the named output of the root's module deployment. Bicep writes
    /// reference(resourceId('Microsoft.Resources/deployments', 'name')) in classic templates, and
    /// reference('symbol') in languageVersion 2.0 ones (as soon as the root uses a user-defined type).
    /// </summary>
    private static bool IsOutputOf(ArmTemplate root, string? expression, string? deployment, string output)
    {
        if (expression is null || deployment is null || !expression.EndsWith($".outputs.{output}.value]", StringComparison.Ordinal))
            return false;
        if (expression.Contains($"'Microsoft.Resources/deployments', '{deployment}')", StringComparison.Ordinal))
            return true;
        var symbol = SymbolicReference().Match(expression);
        return symbol.Success && root.ResourceBySymbol(symbol.Groups[1].Value) is { Type: "Microsoft.Resources/deployments" } module && module.Name == deployment;
    }

    // ---------------------------------------------------------------------------------------------
    // No secrets in app settings or outputs
    // ---------------------------------------------------------------------------------------------

    public static IReadOnlyList<string> NoSecrets(ArmTemplate root)
    {
        var problems = new List<string>();

        foreach (var setting in AppSettings(root))
        {
            if (setting.Name == AppInsightsConnectionString)
            {
                if (!IsAppInsightsConnectionStringReference(setting))
                {
                    problems.Add($"{AppInsightsConnectionString} must be exactly the component's ConnectionString property, but is {setting.Value}");
                }

                continue;
            }

            problems.AddRange(MarkersIn(setting.Value).Select(m => $"app setting {setting.Name} contains '{m}': {setting.Value}"));
            problems.AddRange(ArmTemplate.ParametersIn(setting.Value).Where(setting.Template.IsSecureParameter)
                .Select(p => $"app setting {setting.Name} holds the secure parameter '{p}' in plain text"));

            if (SecretLikeName().IsMatch(setting.Name) && !KeyVaultReference().IsMatch(setting.Value))
            {
                problems.Add($"app setting {setting.Name} looks secret, so it must be a Key Vault reference, but is {setting.Value}");
            }

            if (!setting.Value.StartsWith('[') && SecretLikeLiteral().IsMatch(setting.Value))
            {
                problems.Add($"app setting {setting.Name} is a literal that looks like a key: {setting.Value}");
            }
        }

        foreach (var module in root.SelfAndDescendants.Where(t => t.Parent is not null))
        {
            foreach (var (parameter, _) in module.Parameters)
            {
                var argument = module.ArgumentFor(parameter);
                if (argument is not null && !module.IsSecureParameter(parameter)
                    && ArmTemplate.ParametersIn(argument).Any(module.Parent!.IsSecureParameter))
                {
                    problems.Add($"{module}: a secure value is passed into the non-secure parameter '{parameter}'");
                }
            }
        }

        foreach (var template in root.SelfAndDescendants)
        {
            foreach (var (name, output) in template.Outputs)
            {
                var value = ArmTemplate.Text(output?["value"]);
                problems.AddRange(MarkersIn(value).Select(m => $"{template}: output {name} contains '{m}'"));
                if (value.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{template}: output {name} returns a connection string");
                }

                problems.AddRange(ArmTemplate.ParametersIn(value).Where(template.IsSecureParameter)
                    .Select(p => $"{template}: output {name} returns the secure parameter '{p}'"));
            }
        }

        return problems;
    }

    private static IEnumerable<string> MarkersIn(string value) =>
        SecretMarkers.Where(m => value.Contains(m, StringComparison.OrdinalIgnoreCase));

    private static bool IsAppInsightsConnectionStringReference(AppSetting setting)
    {
        var match = ConnectionStringReference().Match(setting.Value);
        if (!match.Success)
        {
            return false;
        }

        var target = match.Groups[1].Value;
        var symbol = SymbolLiteral().Match(target);
        return symbol.Success
            ? setting.Template.ResourceBySymbol(symbol.Groups[1].Value)?.Type == "Microsoft.Insights/components"
            : target.StartsWith("resourceId('Microsoft.Insights/components'", StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------------------------------------
    // ADMIN_API_KEY: a Key Vault reference resolved with the user-assigned identity
    // ---------------------------------------------------------------------------------------------

    public static IReadOnlyList<string> AdminKeyInKeyVault(ArmTemplate root)
    {
        var problems = new List<string>();
        var setting = AppSettings(root).FirstOrDefault(s => s.Name == "ADMIN_API_KEY");
        if (setting is null)
        {
            return ["ADMIN_API_KEY is not set"];
        }

        var match = KeyVaultSecretUriFormat().Match(setting.Value);
        if (!match.Success)
        {
            return [$"ADMIN_API_KEY must be @Microsoft.KeyVault(SecretUri=<secret uri parameter>), but is {setting.Value}"];
        }

        var vaultModule = ModuleCreating(root, "Microsoft.KeyVault/vaults/secrets");
        var argument = setting.Template.ArgumentFor(match.Groups[1].Value);
        var outputName = argument is null ? null : OutputName().Match(argument).Groups[1].Value;
        if (!IsOutputOf(root, argument, vaultModule, outputName ?? ""))
        {
            problems.Add($"the secret URI must come from the Key Vault module's output, but is {argument}");
        }
        else
        {
            var vaultTemplate = root.Modules.Single(m => m.Invocation!.Name == vaultModule);
            var output = ArmTemplate.Text(vaultTemplate.Outputs[outputName!]?["value"]);
            if (!output.EndsWith(".secretUri]", StringComparison.Ordinal) && !output.EndsWith(".secretUriWithVersion]", StringComparison.Ordinal))
            {
                problems.Add($"the Key Vault module's {outputName} output is not a secret URI: {output}");
            }
        }

        foreach (var secret in Created(root, "Microsoft.KeyVault/vaults/secrets"))
        {
            var value = ArmTemplate.Text(secret.Properties?["value"]);
            if (!ArmTemplate.ParametersIn(value).Any(secret.Template.IsSecureParameter))
            {
                problems.Add($"the Key Vault secret's value must be a @secure() parameter, but is {value}");
            }
        }

        foreach (var vault in Created(root, "Microsoft.KeyVault/vaults"))
        {
            if (vault.Properties?["enableRbacAuthorization"]?.GetValue<bool>() != true)
            {
                problems.Add("the Key Vault must use RBAC authorization");
            }

            if (vault.Properties?["enableSoftDelete"]?.GetValue<bool>() != true)
            {
                problems.Add("the Key Vault must keep soft delete on");
            }

            if (!ArmTemplate.ParametersIn(ArmTemplate.Text(vault.Properties?["enablePurgeProtection"])).Any())
            {
                problems.Add("the Key Vault's purge protection must be a parameter");
            }
        }

        var site = FunctionApp(root);
        var referenceIdentity = ArmTemplate.Text(site?.Properties?["keyVaultReferenceIdentity"]);
        var assigned = (site?.Json["identity"]?["userAssignedIdentities"] as JsonObject ?? []).Select(kv => kv.Key);
        if (!assigned.Any(key => ArmTemplate.ParametersIn(key).Intersect(ArmTemplate.ParametersIn(referenceIdentity)).Any()))
        {
            problems.Add($"keyVaultReferenceIdentity must be the app's user-assigned identity, but is '{referenceIdentity}'");
        }

        return problems;
    }

    // ---------------------------------------------------------------------------------------------
    // Role assignments
    // ---------------------------------------------------------------------------------------------

    public static IReadOnlyList<string> RoleAssignments(ArmTemplate root)
    {
        var problems = new List<string>();
        var identityModule = ModuleCreating(root, "Microsoft.ManagedIdentity/userAssignedIdentities");
        var roleModules = root.Modules.Where(m => m.CreatedResources.Any(r => r.Type == "Microsoft.Authorization/roleAssignments")).ToList();

        var appModule = roleModules.FirstOrDefault(m => PrincipalArguments(m).Any(a => IsOutputOf(root, a, identityModule, "principalId")));
        if (appModule is null)
        {
            return ["no role assignment module is given the user-assigned identity's principalId"];
        }

        if (appModule.Invocation!.Condition is not null)
        {
            problems.Add("the app identity's role assignments must not be conditional");
        }

        problems.AddRange(AppRoles.SelectMany(role => RoleProblems(root, appModule, role)));

        var deployerModule = roleModules.FirstOrDefault(m => m != appModule);
        if (deployerModule is null)
        {
            problems.Add("there is no optional twin of the role assignments for the deploying user");
        }
        else
        {
            if (deployerModule.Invocation!.Condition is null)
            {
                problems.Add("the deploying user's role assignments must be optional (a condition on principalId)");
            }

            problems.AddRange(AppRoles.SelectMany(role => RoleProblems(root, deployerModule, role)));
        }

        return problems;
    }

    private static IEnumerable<string> PrincipalArguments(ArmTemplate module) =>
        module.CreatedResources.Where(r => r.Type == "Microsoft.Authorization/roleAssignments")
            .SelectMany(r => ArmTemplate.ParametersIn(ArmTemplate.Text(r.Properties?["principalId"])))
            .Distinct()
            .Select(p => module.ArgumentFor(p) ?? "");

    private static IEnumerable<string> RoleProblems(ArmTemplate root, ArmTemplate module, ExpectedRole role)
    {
        var roleDefinition = $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{role.RoleDefinitionId}')]";
        var assignments = module.CreatedResources
            .Where(r => r.Type == "Microsoft.Authorization/roleAssignments"
                && module.ResolveVariables(ArmTemplate.Text(r.Properties?["roleDefinitionId"])) == roleDefinition)
            .ToList();
        if (assignments.Count != 1)
        {
            yield return $"{module}: expected one {role.Name} ({role.RoleDefinitionId}) assignment, found {assignments.Count}";
            yield break;
        }

        var assignment = assignments[0];
        var scope = module.ResolveVariables(ArmTemplate.Text(assignment.Json["scope"]));
        var scopeMatch = ResourceIdOfParameter().Match(scope);
        if (!scopeMatch.Success || scopeMatch.Groups[1].Value != role.ScopeType)
        {
            yield return $"{module}: {role.Name} must be scoped to the {role.ScopeType}, but its scope is '{scope}'";
            yield break;
        }

        var scopeArgument = module.ArgumentFor(scopeMatch.Groups[2].Value);
        var deployedName = RootNameOf(root, role.ScopeType);
        if (scopeArgument is null || scopeArgument != deployedName)
        {
            yield return $"{module}: {role.Name} is scoped to the {role.ScopeType} named {scopeArgument}, but the one deployed is named {deployedName}";
        }

        var principal = ArmTemplate.Text(assignment.Properties?["principalId"]);
        var scopeId = scope[1..^1];
        string[] acceptedNames =
        [
            $"[guid({scopeId}, {principal[1..^1]}, '{role.RoleDefinitionId}')]",
            $"[guid({scopeId}, {principal[1..^1]}, {roleDefinition[1..^1]})]",
        ];
        var name = module.ResolveVariables(assignment.Name);
        if (!principal.StartsWith("[parameters(", StringComparison.Ordinal) || !acceptedNames.Contains(name))
        {
            yield return $"{module}: {role.Name} must be named guid(scope, principal, role), but is named {name}";
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Function app and plan
    // ---------------------------------------------------------------------------------------------

    public static IReadOnlyList<string> FunctionAppHardening(ArmTemplate root)
    {
        var site = FunctionApp(root);
        if (site is null)
        {
            return ["no function app (Microsoft.Web/sites of kind functionapp) is created"];
        }

        var problems = new List<string>();
        var properties = site.Properties ?? [];
        if (properties["httpsOnly"]?.GetValue<bool>() != true)
        {
            problems.Add("httpsOnly must be true");
        }

        var siteConfig = properties["siteConfig"] as JsonObject ?? [];
        foreach (var tls in new[] { "minTlsVersion", "scmMinTlsVersion" })
        {
            if ((tls == "minTlsVersion" || siteConfig[tls] is not null) && ArmTemplate.Text(siteConfig[tls]) is not ("1.2" or "1.3"))
            {
                problems.Add($"siteConfig.{tls} must be 1.2 or newer, but is '{ArmTemplate.Text(siteConfig[tls])}'");
            }
        }

        if (ArmTemplate.Text(siteConfig["ftpsState"]) != "Disabled")
        {
            problems.Add($"siteConfig.ftpsState must be Disabled, but is '{ArmTemplate.Text(siteConfig["ftpsState"])}'");
        }

        foreach (var policy in new[] { "ftp", "scm" })
        {
            var found = Created(root, "Microsoft.Web/sites/basicPublishingCredentialsPolicies")
                .FirstOrDefault(r => r.Name.EndsWith($"'{policy}')]", StringComparison.Ordinal));
            if (found?.Properties?["allow"]?.GetValue<bool>() != false)
            {
                problems.Add($"basic publishing credentials ({policy}) must be turned off");
            }
        }

        var config = properties["functionAppConfig"] as JsonObject ?? [];
        if (ArmTemplate.Text(config["runtime"]?["name"]) != "dotnet-isolated" || ArmTemplate.Text(config["runtime"]?["version"]) != "10.0")
        {
            problems.Add($"functionAppConfig.runtime must be dotnet-isolated 10.0, but is {config["runtime"]?.ToJsonString()}");
        }

        var deployment = config["deployment"]?["storage"];
        if (ArmTemplate.Text(deployment?["type"]) != "blobContainer" || ArmTemplate.Text(deployment?["authentication"]?["type"]) != "UserAssignedIdentity")
        {
            problems.Add("the deployment package must live in a blob container reached with the user-assigned identity");
        }

        foreach (var setting in new[] { "instanceMemoryMB", "maximumInstanceCount" })
        {
            var value = ArmTemplate.Text(config["scaleAndConcurrency"]?[setting]);
            var rootParameter = ArmTemplate.ParametersIn(value).Select(site.Template.ArgumentFor).FirstOrDefault();
            if (rootParameter is null || !ArmTemplate.ParametersIn(rootParameter).Any(root.Parameters.ContainsKey))
            {
                problems.Add($"scaleAndConcurrency.{setting} must come from a parameter of main.bicep, but is {value}");
            }
        }

        if (ArmTemplate.Text(site.Json["identity"]?["type"]) != "UserAssigned")
        {
            problems.Add("the function app must run as its user-assigned identity only");
        }

        var plan = Created(root, "Microsoft.Web/serverfarms").FirstOrDefault();
        if (ArmTemplate.Text(plan?.Json["sku"]?["name"]) != "FC1" || ArmTemplate.Text(plan?.Json["sku"]?["tier"]) != "FlexConsumption")
        {
            problems.Add("the plan must be Flex Consumption (FC1)");
        }

        return problems;
    }

    // ---------------------------------------------------------------------------------------------
    // Storage, Maps, monitoring
    // ---------------------------------------------------------------------------------------------

    public static IReadOnlyList<string> DataServicesHardening(ArmTemplate root)
    {
        var problems = new List<string>();

        var storage = Created(root, "Microsoft.Storage/storageAccounts").SingleOrDefault();
        if (storage is null)
        {
            problems.Add("no storage account is created");
        }
        else
        {
            Expect(storage, "allowSharedKeyAccess", false);
            Expect(storage, "allowBlobPublicAccess", false);
            Expect(storage, "supportsHttpsTrafficOnly", true);
            if (ArmTemplate.Text(storage.Properties?["minimumTlsVersion"]) != "TLS1_2")
            {
                problems.Add("the storage account's minimumTlsVersion must be TLS1_2");
            }
        }

        if (!Created(root, "Microsoft.Storage/storageAccounts/blobServices/containers").Any())
        {
            problems.Add("no blob container is created for the deployment package");
        }

        var missingTables = SiteTables.Except(CreatedTableNames(root)).ToList();
        if (missingTables.Count > 0)
        {
            problems.Add($"tables not created: {string.Join(", ", missingTables)}");
        }

        var maps = Created(root, "Microsoft.Maps/accounts").SingleOrDefault();
        if (maps is null)
        {
            problems.Add("no Azure Maps account is created");
        }
        else
        {
            Expect(maps, "disableLocalAuth", true);
            if (ArmTemplate.Text(maps.Json["kind"]) != "Gen2" || ArmTemplate.Text(maps.Json["sku"]?["name"]) != "G2")
            {
                problems.Add("the Azure Maps account must be kind Gen2 with sku G2");
            }
        }

        var insights = Created(root, "Microsoft.Insights/components").SingleOrDefault();
        if (insights is null)
        {
            problems.Add("no Application Insights component is created");
        }
        else
        {
            Expect(insights, "DisableLocalAuth", true);
            if (insights.Properties?["WorkspaceResourceId"] is null)
            {
                problems.Add("Application Insights must be workspace-based (WorkspaceResourceId)");
            }
        }

        if (!Created(root, "Microsoft.OperationalInsights/workspaces").Any())
        {
            problems.Add("no Log Analytics workspace is created");
        }

        return problems;

        void Expect(ArmResource resource, string property, bool value)
        {
            if (resource.Properties?[property] is not JsonValue node || !node.TryGetValue<bool>(out var actual) || actual != value)
            {
                problems.Add($"{resource.Type}: {property} must be {value.ToString().ToLowerInvariant()}, but is {resource.Properties?[property]?.ToJsonString() ?? "unset"}");
            }
        }
    }

    /// <summary>Table names, following a copy loop's parameter back to the root variable that lists them.</summary>
    public static IEnumerable<string> CreatedTableNames(ArmTemplate root)
    {
        foreach (var table in Created(root, "Microsoft.Storage/storageAccounts/tableServices/tables"))
        {
            var literal = TableNameLiteral().Match(table.Name);
            if (literal.Success)
            {
                yield return literal.Groups[1].Value;
                continue;
            }

            foreach (var parameter in ArmTemplate.ParametersIn(table.Name))
            {
                var argument = table.Template.ArgumentFor(parameter) ?? "";
                var variable = VariableOnly().Match(argument);
                if (variable.Success && table.Template.Parent?.Json["variables"]?[variable.Groups[1].Value] is JsonArray names)
                {
                    foreach (var name in names)
                    {
                        yield return ArmTemplate.Text(name);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // App settings: what the code reads, wired to the identity
    // ---------------------------------------------------------------------------------------------

    public static IReadOnlyList<string> AppSettingsComplete(ArmTemplate root, IEnumerable<string> requiredByCode)
    {
        var settings = AppSettings(root).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Last());
        var problems = requiredByCode.Where(name => !settings.ContainsKey(name))
            .Select(name => $"the code reads {name}, but the function app does not set it")
            .ToList();

        problems.AddRange(ForbiddenSettings.Where(settings.ContainsKey).Select(name => $"{name} must not be set (secret-bearing or rejected by Flex Consumption)"));

        void ExpectValue(string name, Func<string, bool> isRight, string what)
        {
            if (!settings.TryGetValue(name, out var setting))
            {
                problems.Add($"{name} is not set");
            }
            else if (!isRight(setting.Value))
            {
                problems.Add($"{name} must be {what}, but is {setting.Value}");
            }
        }

        foreach (var name in new[] { "Tables__credential", "AzureWebJobsStorage__credential", "AzureMaps__credential" })
        {
            ExpectValue(name, v => v == "managedidentity", "managedidentity");
        }

        ExpectValue("SEED_DEMO_DATA", v => v == "false", "false");
        ExpectValue("AzureMaps__endpoint", v => v == "https://atlas.microsoft.com", "https://atlas.microsoft.com");
        ExpectValue("AzureMaps__clientId", v => v.EndsWith(".uniqueId]", StringComparison.Ordinal), "the Maps account's uniqueId");
        ExpectValue("Tables__endpoint", v => v.Contains("primaryEndpoints.table", StringComparison.Ordinal), "the storage account's table endpoint");
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            ExpectValue($"AzureWebJobsStorage__{service}ServiceUri", v => v.Contains($"primaryEndpoints.{service}", StringComparison.Ordinal), $"the storage account's {service} endpoint");
        }

        var identityModule = ModuleCreating(root, "Microsoft.ManagedIdentity/userAssignedIdentities");
        bool IsIdentityClientId(AppSetting setting, string expression) =>
            ArmTemplate.ParametersIn(expression).Any(p => IsOutputOf(root, setting.Template.ArgumentFor(p), identityModule, "clientId"));

        foreach (var name in new[] { "Tables__clientId", "AzureWebJobsStorage__clientId", "AzureMaps__managedIdentityClientId" })
        {
            if (settings.TryGetValue(name, out var setting) && !(setting.Value.StartsWith("[parameters(", StringComparison.Ordinal) && IsIdentityClientId(setting, setting.Value)))
            {
                problems.Add($"{name} must be the user-assigned identity's client ID, but is {setting.Value}");
            }
            else if (setting is null)
            {
                problems.Add($"{name} is not set");
            }
        }

        if (!settings.TryGetValue("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", out var auth)
            || !auth.Value.StartsWith("[format('ClientId={0};Authorization=AAD', parameters(", StringComparison.Ordinal)
            || !IsIdentityClientId(auth, auth.Value))
        {
            problems.Add("APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be ClientId=<identity client ID>;Authorization=AAD");
        }

        if (!settings.ContainsKey(AppInsightsConnectionString))
        {
            problems.Add($"{AppInsightsConnectionString} is not set");
        }

        return problems;
    }

    // ---------------------------------------------------------------------------------------------
    // Parameters described, outputs for azd
    // ---------------------------------------------------------------------------------------------

    public static IReadOnlyList<string> Documentation(ArmTemplate root)
    {
        var problems = new List<string>();
        foreach (var template in root.SelfAndDescendants)
        {
            problems.AddRange(template.Parameters.Where(p => string.IsNullOrWhiteSpace(ArmTemplate.Text(p.Value?["metadata"]?["description"])))
                .Select(p => $"{template}: parameter {p.Key} has no @description"));
            problems.AddRange(template.Outputs.Where(p => string.IsNullOrWhiteSpace(ArmTemplate.Text(p.Value?["metadata"]?["description"])))
                .Select(p => $"{template}: output {p.Key} has no @description"));
        }

        problems.AddRange(root.Outputs.Select(o => o.Key).Where(name => !UpperSnakeCase().IsMatch(name))
            .Select(name => $"output {name} is not in UPPER_SNAKE_CASE"));
        return problems;
    }

    [GeneratedRegex(@"KEY|SECRET|PASSWORD|PWD|TOKEN|CONNECTION_?STRING|SAS", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$|^[A-Za-z0-9+/]{24,}={0,2}$|password", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeLiteral();

    [GeneratedRegex(@"@Microsoft\.KeyVault\((SecretUri|VaultName)=")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', parameters\('(\w+)'\)\)\]$")]
    private static partial Regex KeyVaultSecretUriFormat();

    [GeneratedRegex(@"^\[reference\((.+)\)\.ConnectionString\]$")]
    private static partial Regex ConnectionStringReference();

    [GeneratedRegex(@"^'(\w+)'$")]
    private static partial Regex SymbolLiteral();

    [GeneratedRegex(@"^\[reference\('(\w+)'\)\.outputs\.")]
    private static partial Regex SymbolicReference();

    [GeneratedRegex(@"\.outputs\.(\w+)\.value\]$")]
    private static partial Regex OutputName();

    [GeneratedRegex(@"^\[resourceId\('([\w./]+)', parameters\('(\w+)'\)\)\]$")]
    private static partial Regex ResourceIdOfParameter();

    [GeneratedRegex(@"'(\w+)'\)\]$")]
    private static partial Regex TableNameLiteral();

    [GeneratedRegex(@"^\[variables\('(\w+)'\)\]$")]
    private static partial Regex VariableOnly();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnakeCase();
}
