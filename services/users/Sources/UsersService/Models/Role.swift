import InkwellAuth

/// The platform's roles (InkwellAuth), under the name the users service has always used.
public typealias Role = InkwellAuth.Role
